def review(reqs, doc): return []
