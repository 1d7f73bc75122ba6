package org.ete.simulator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code tools/simulator/simulate --help}. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Generates people on probation and their event histories (seeded, reproducible), calibrated to the seeds:",
            "13,923 take-ups April 2018 - March 2021 (DLNR and SWM), OGRS3-predicted vs actual one-year reconviction",
            "(35.6/27.1%, found work 30.4/20.0%, sustained 28.6/17.7%), ETE outputs, Figures 1 and 2, and the Academy.",
            "Writes CloudEvents as NDJSON, one file per service; checks itself (--report); posts the files in batches",
            "(--post) or replays them as a live stream with repeats, late and invalid events (--post ... --rate R).",
            ""},
        footer = {"", "Examples:",
            "  simulate --out target/sim --report                      the seed replica, with its own check",
            "  simulate --people 1000000 --out /tmp/sim1m               a million take-ups (prints events/s)",
            "  simulate --out target/sim --post local                   post to ./run.sh's services (8081-8084)",
            "  simulate --input target/sim --post local --rate 200      a live feed at 200 events/s",
            "  simulate --people 100000 --out /tmp/sim --to-kafka localhost:9092   straight onto the topics",
            "  simulate --people 27846 --out target/sim2 --skip-known target/sim --post local --rate 5",
            "                                                           new people only, on top of a loaded replica"})
public final class Main implements Callable<Integer> {

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}). Same seed, same output and ids.")
    long seed = SimConfig.DEFAULT_SEED;

    @Option(names = "--people", description = "Take-ups in April 2018 - March 2021 (default ${DEFAULT-VALUE}, the "
            + "seed's); everything else scales with it.")
    int people = Targets.TOOK_UP;

    @Option(names = "--out", description = "Directory to write the NDJSON files to (default ${DEFAULT-VALUE}).")
    Path out = Path.of("target", "sim-out");

    @Option(names = "--input", description = "Use the NDJSON files already in this directory instead of generating.")
    Path input;

    @Option(names = "--skip-known", description = "Leave out events whose id is already in the NDJSON files of this "
            + "directory (e.g. a demo already loaded), so --post or --rate sends only new ones.")
    Path skipKnown;

    @Option(names = "--report", description = "Compute the headline figures from the files and print them next to "
            + "the seeds' (exit 3 if any is out of tolerance).")
    boolean report;

    @Option(names = "--as-of", description = "As-of date for the reoffending figures (default ${DEFAULT-VALUE}).")
    String asOf = Days.iso(Targets.AS_OF);

    @Option(names = "--outlier-team", description = "The team that reoffends well above its peers (default "
            + "'${DEFAULT-VALUE}'; 'none' for no outlier). --list-teams shows the names.")
    String outlierTeam = Geography.DEFAULT_OUTLIER_TEAM;

    @Option(names = "--outlier-ratio", description = "That team's O/E (actual/predicted) as a multiple of the other "
            + "teams' pooled O/E, in every cohort (default ${DEFAULT-VALUE}: 40%% more reoffending than its peers; "
            + "the service as a whole sits at O/E 0.76).")
    double outlierRatio = SimConfig.DEFAULT_OUTLIER_RATIO;

    @Option(names = "--unmet-needs", description = "The demographic group whose needs are not met: dimension=value "
            + "with dimension disability, ethnicity or gender and a wire value (default '${DEFAULT-VALUE}'; 'none' "
            + "for no such group). Within every team it reoffends at --unmet-needs-ratio times its teammates' O/E.")
    String unmetNeeds = SimConfig.DEFAULT_UNMET_NEEDS.toString();

    @Option(names = "--unmet-needs-ratio", description = "That group's O/E as a multiple of everyone else's "
            + "(default ${DEFAULT-VALUE}; 1 turns it off).")
    double unmetNeedsRatio = SimConfig.DEFAULT_UNMET_NEEDS_RATIO;

    @Option(names = "--list-teams", description = "List contract areas, regions, teams and offices, and exit.")
    boolean listTeams;

    @Option(names = "--today", description = "The run date: nothing generated is later (default ${DEFAULT-VALUE}).")
    String today = Days.iso(SimConfig.DEFAULT_TODAY);

    @Option(names = "--threads", description = "Worker threads (default: the processors). The output does not "
            + "depend on it.")
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Option(names = "--post", description = "Post the files: service=URL pairs, comma-separated (referral, training, "
            + "employment, peer-mentor), or 'local' for http://localhost:8081..8084.")
    String post;

    @Option(names = "--to-kafka", description = "Write the events straight onto the four topics of this Kafka "
            + "(bootstrap servers), as the services' relays publish them (pseudonymised, the publication views, the "
            + "ce_* headers), without the services.")
    String toKafka;

    @Option(names = "--pseudonymisation-key", description = "With --to-kafka: the services' HMAC key "
            + "(ete.pseudonymisation.key; default: $ETE_PSEUDONYMISATION_KEY).")
    String pseudonymisationKey = System.getenv("ETE_PSEUDONYMISATION_KEY");

    @Option(names = "--token", description = "Bearer token for the services (default: $ETE_TOKEN if set).")
    String token = System.getenv("ETE_TOKEN");

    @Option(names = "--batch-size", description = "Events per batch (at most 10,000; default ${DEFAULT-VALUE}).")
    int batchSize = Poster.DEFAULT_BATCH_EVENTS;

    @Option(names = "--timeout", description = "Seconds to wait for one answer before sending again (default "
            + "${DEFAULT-VALUE}; a batch of thousands can take minutes on a small machine).")
    int timeout = 600;

    @Option(names = "--rate", description = "With --post: stream one event per request at this many events/s "
            + "instead of posting batches.")
    Double rate;

    @Option(names = "--duplicates", description = "Stream: share of events sent again (default ${DEFAULT-VALUE}).")
    double duplicates = 0.02;

    @Option(names = "--late", description = "Stream: share of (eligible) events delivered late, out of order "
            + "(default ${DEFAULT-VALUE}).")
    double late = 0.05;

    @Option(names = "--invalid", description = "Stream: share of events followed by a broken copy (default "
            + "${DEFAULT-VALUE}).")
    double invalid = 0.01;

    @Option(names = "--limit", description = "Stream: stop after this many deliveries (default: all).")
    long limit;

    @Option(names = "--position-file", description = "Stream: record how far the stream got in this file and resume "
            + "from there next time (the plan of deliveries is the same for the same files and seed).")
    Path positionFile;

    @Option(names = "--lanes", description = "Stream: parallel connections; one person's events share one "
            + "(default ${DEFAULT-VALUE}).")
    int lanes = 16;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command in this JVM (tests, tools) and returns its exit code instead of exiting. */
    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        Main main = new Main();
        main.stdout = stdout;
        main.stderr = stderr;
        CommandLine cl = new CommandLine(main);
        cl.setOut(new java.io.PrintWriter(stdout, true));
        cl.setErr(new java.io.PrintWriter(stderr, true));
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            stderr.println("simulate: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl.execute(args);
    }

    private PrintStream stdout = System.out;
    private PrintStream stderr = System.err;

    @Override
    public Integer call() throws Exception {
        if (listTeams) {
            for (Geography.Team t : Geography.TEAMS) {
                stdout.printf(Locale.ROOT, "%-5s %-14s %-48s %-18s %s%n", t.contractArea(), t.region(), t.name(),
                        t.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        String.join(", ", t.offices().stream().map(Geography.Office::name).toList()));
            }
            return 0;
        }
        String outlier = outlierTeam == null || outlierTeam.equalsIgnoreCase("none") ? null : outlierTeam;
        NeedsGroup needs = unmetNeedsRatio == 1.0 ? null : NeedsGroup.parse(unmetNeeds);
        if (rate != null && post == null) {
            throw new IllegalArgumentException("--rate needs --post (where to stream to)");
        }
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("--rate must be above 0");
        }
        for (double share : new double[] {duplicates, late, invalid}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("--duplicates, --late and --invalid are shares from 0 to 1");
            }
        }
        Map<String, String> targets = Poster.targets(post);
        int todayDay = Days.of(LocalDate.parse(today));
        Path dir;
        if (input != null) {
            if (!Files.isDirectory(input)) {
                throw new IllegalArgumentException("--input " + input + " is not a directory");
            }
            dir = input;
        } else {
            SimConfig config = new SimConfig(seed, people, outlier, outlierRatio, needs, unmetNeedsRatio, todayDay,
                    threads);
            stderr.printf(Locale.ROOT, "generating %,d take-ups (%d block%s of up to %,d) with seed %d into %s%n",
                    people, config.blocks(), config.blocks() == 1 ? "" : "s", Targets.TOOK_UP, seed, out);
            Generator.Stats s = Generator.generate(config, out);
            stdout.printf(Locale.ROOT, "generated %,d people (%,d take-ups in the window) and %,d Academy candidates: "
                            + "%,d events (referral %,d, training %,d, employment %,d, peer-mentor %,d) in %.2f s = "
                            + "%,.0f events/s%n", s.people(), s.takeUps(), s.candidates(), s.events(),
                    s.eventsPerService()[0], s.eventsPerService()[1], s.eventsPerService()[2], s.eventsPerService()[3],
                    s.seconds(), s.eventsPerSecond());
            stdout.println("files: " + out.toAbsolutePath().normalize() + "/{" + String.join(",", Generator.FILES) + "}");
            dir = out;
        }
        if (skipKnown != null) {
            Path fresh = dir.resolve("not-in-" + skipKnown.getFileName());
            long kept = KnownEvents.filter(dir, skipKnown, fresh);
            stderr.printf(Locale.ROOT, "%,d events are not in %s%n", kept, skipKnown);
            dir = fresh;
        }
        int exit = 0;
        if (report) {
            Report.Result r = Report.compute(dir, Days.of(LocalDate.parse(asOf)), outlier, needs);
            Report.print(r, stdout);
            exit = r.allOk() ? 0 : 3;
        }
        if (toKafka != null) {
            KafkaLoader.Stats k = KafkaLoader.load(dir, toKafka, pseudonymisationKey, stderr);
            stdout.printf(Locale.ROOT, "to Kafka %s: %,d events %s in %.2f s = %,.0f events/s%n", toKafka, k.events(),
                    k.perTopic(), k.seconds(), k.eventsPerSecond());
        }
        if (!targets.isEmpty()) {
            Transport transport = Transport.http(token, Duration.ofSeconds(Math.max(1, timeout)));
            long started = System.nanoTime();
            if (rate == null) {
                List<Poster.Outcome> outcomes = Poster.post(dir, targets, transport, batchSize, stderr);
                Poster.summary(outcomes, (System.nanoTime() - started) / 1e9, stdout);
                if (outcomes.stream().anyMatch(o -> o.failed.get() > 0)) {
                    exit = Math.max(exit, 4);
                }
            } else {
                Streamer.Options opt = new Streamer.Options(rate, duplicates, late, invalid, limit, lanes, seed,
                        todayDay, positionFile);
                Streamer.Counters c = Streamer.stream(dir, targets, transport, opt, stderr);
                Streamer.summary(c, (System.nanoTime() - started) / 1e9, stdout);
            }
        }
        return exit;
    }
}
