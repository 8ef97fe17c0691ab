print("rerank")
