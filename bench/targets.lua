-- wrk script for bench/run.sh: every request picks a random line
-- "cookie<TAB>path" from a targets file and sends GET path with that
-- Cookie header, so the load is spread over many signed-in people.
--
--   wrk -t2 -c64 -d15s --latency -s bench/targets.lua http://127.0.0.1:PORT -- FILE
--
-- The same script and file drive nginx (which ignores the cookie and
-- serves a static file for every path), so both servers see identical
-- client-side work.

local counter = 0

-- Runs in the main Lua state once per thread: give each a number so the
-- threads do not share a random sequence.
function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
end

local cookies = {}
local paths = {}
local n = 0

function init(args)
   local file = args[1]
   if file == nil then
      error("usage: wrk ... -s targets.lua URL -- TARGETS_FILE")
   end
   for line in io.lines(file) do
      local cookie, path = line:match("^([^\t]*)\t(.+)$")
      if cookie ~= nil then
         n = n + 1
         cookies[n] = cookie
         paths[n] = path
      end
   end
   if n == 0 then
      error("no \"cookie<TAB>path\" lines in " .. file)
   end
   math.randomseed(os.time() * 1000 + (id or 0) * 7919)
end

function request()
   local i = math.random(n)
   return wrk.format("GET", paths[i], { ["Cookie"] = cookies[i] })
end
