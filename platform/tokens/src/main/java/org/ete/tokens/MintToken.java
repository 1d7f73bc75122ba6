package org.ete.tokens;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tools/mint-token ROLE [--source S]... [--hours H]}: a bearer token from the local key pair, alone on the
 * last line of stdout (so {@code TOKEN=$(tools/mint-token analyst | tail -1)} works). Creates the key pair on
 * first use.
 */
@Command(name = "mint-token", mixinStandardHelpOptions = true,
        description = "Mints a bearer token for the local run from the key pair in .dev-data/jwt (created if absent).")
public final class MintToken implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ROLE", description = "partner, analyst, ops or privacy")
    String role;

    @Option(names = "--source", paramLabel = "S",
            description = "A CloudEvents source the partner may post under (repeat for more). A partner token minted "
                    + "without --source may post under every source (\"*\"); local run and tests only.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--hours", paramLabel = "H", defaultValue = "8", description = "Lifetime in hours (default: ${DEFAULT-VALUE}).")
    double hours;

    @Option(names = "--subject", paramLabel = "NAME", description = "The token's sub, the name the audit records (default: local-ROLE).")
    String subject;

    @Option(names = "--keys", paramLabel = "DIR", defaultValue = "${env:ETE_JWT_KEYS:-.dev-data/jwt}",
            description = "Directory of the key pair (default: ${DEFAULT-VALUE}).")
    Path keys;

    @Override
    public Integer call() {
        if (!Roles.ALL.contains(role)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "ROLE must be one of " + Roles.ALL + ", was " + role);
        }
        if (!sources.isEmpty() && !Roles.PARTNER.equals(role)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--source applies to partner tokens only");
        }
        if (!(hours > 0) || hours > 24 * 366) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--hours must be above 0 and at most a year");
        }
        LocalKeyPair pair = LocalKeyPair.loadOrCreate(keys);
        List<String> claimSources = Roles.PARTNER.equals(role) ? (sources.isEmpty() ? List.of(Roles.ANY_SOURCE) : sources) : null;
        Duration lifetime = Duration.ofSeconds(Math.round(hours * 3600));
        String token = TokenMinter.local(pair.privateKey()).mint(TokenMinter.Grant.of(
                subject == null ? "local-" + role : subject, List.of(role), claimSources, lifetime));
        System.err.println("mint-token: " + role + (claimSources == null ? "" : " sources " + claimSources)
                + ", valid " + lifetime.toMinutes() + " min; verify with " + pair.publicKeyFile().toAbsolutePath());
        System.out.println(token);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MintToken()).execute(args));
    }
}
