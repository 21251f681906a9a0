s, p = open(0).read().split()
print(s.count(p))
