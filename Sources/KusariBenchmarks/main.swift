print("kusari-bench")
