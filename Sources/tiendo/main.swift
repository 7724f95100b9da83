print("tiendo: not yet")
