import sys
d = list(map(int, sys.stdin.read().split()))
print(sum(d[2:2 + d[0]]) % d[1])
