-- wrk script of zsync's HTTP bench, as TechEmpower's plaintext test pipelines: every write sends
-- N requests at once (`wrk ... -s pipeline.lua URL -- N`, 1 when N is not given); wrk counts the
-- requests in the buffer and writes the next batch when all N responses have come back.
init = function(args)
  local depth = tonumber(args[1]) or 1
  local batch = {}
  for i = 1, depth do
    batch[i] = wrk.format()
  end
  request_batch = table.concat(batch)
end

request = function()
  return request_batch
end
