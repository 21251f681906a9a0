import sys
d = list(map(int, sys.stdin.read().split()))
n, K = d[0], d[1]
a = d[2:2 + n]
print(sum(1 for i in range(n) for j in range(i + 1, n) if a[i] + a[j] == K))
