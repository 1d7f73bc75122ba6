-- wrk script of SingleEventBench: every request POSTs one new referral (a new person, a new event id), structured
-- mode, with a bearer token. Arguments (after --): <token> <run letters>, one letter per wrk thread, so the
-- case references (letter + 6 digits) and ids of every thread and run are unique.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  letter = string.sub(args[2], tid, tid)
  headers = {
    ["Content-Type"] = "application/cloudevents+json",
    ["Authorization"] = "Bearer " .. token
  }
end

function request()
  counter = counter + 1
  local crn = string.format("%s%06d", letter, counter % 1000000)
  local body = '{"specversion":"1.0","id":"wrk-' .. letter .. '-' .. counter .. '","source":"urn:ete:bench",'
    .. '"type":"ete.referral.received.v1","subject":"' .. crn .. '","data":{"referralDate":"2021-01-04",'
    .. '"setting":"community","contractArea":"DLNR","region":"East Midlands","team":"Nottingham North",'
    .. '"office":"Nottingham","gender":"male","dateOfBirth":"1990-02-14","ethnicity":"white",'
    .. '"offenceCategory":"burglary-domestic","ogrs3OneYearPercent":35.5,"ogrs3TwoYearPercent":52.0}}'
  return wrk.format("POST", "/v1/events", headers, body)
end
