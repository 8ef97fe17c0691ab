"""Writes a wrk Lua script whose requests cycle through TEI /rerank bodies: each query of a judged set with its
first N candidates (TREC DL 2019: 43 queries). Usage: requests.py SET_FOLDER PASSAGES OUT.lua"""
import csv
import json
import sys
from pathlib import Path

folder, per_request, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
csv.field_size_limit(1 << 24)
queries = {row[0]: row[1] for row in csv.reader(open(folder / "queries.tsv", encoding="utf-8"), delimiter="\t")}
passages = {row[0]: row[1] for row in csv.reader(open(folder / "passages.tsv", encoding="utf-8"), delimiter="\t")}
candidates = {}
for qid, docid, _rank in csv.reader(open(folder / "candidates.tsv", encoding="utf-8"), delimiter="\t"):
    candidates.setdefault(qid, []).append(passages[docid])
bodies = []
for qid, texts in candidates.items():
    if qid in queries and len(texts) >= per_request:
        bodies.append(json.dumps({"query": queries[qid], "texts": texts[:per_request], "truncate": True}))
# Lua long brackets hold each body verbatim (LuaJIT knows no \\u escapes).
assert not any("]=====]" in body for body in bodies)
lua = ["bodies = {"] + [f"  [=====[{body}]=====]," for body in bodies] + ["}", """
counter = 0
request = function()
  counter = counter + 1
  local body = bodies[(counter % #bodies) + 1]
  return wrk.format("POST", "/rerank", {["Content-Type"] = "application/json"}, body)
end
"""]
out.write_text("\n".join(lua), encoding="utf-8")
print(len(bodies))
