print("This tutorial is being written.")
