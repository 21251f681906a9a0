import sys
d = list(map(int, sys.stdin.read().split()))
a = d[1:1 + d[0]]
print(sum(1 for i in range(len(a)) for j in range(i + 1, len(a)) if a[i] > a[j]))
