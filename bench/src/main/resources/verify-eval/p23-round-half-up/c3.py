import sys
d = list(map(int, sys.stdin.read().split()))
print(int(round(sum(d[1:]) / d[0])))
