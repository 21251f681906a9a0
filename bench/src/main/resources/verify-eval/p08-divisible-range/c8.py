import sys
d = list(map(int, sys.stdin.read().split()))
res = []
for i in range(d[0]):
    a, b, k = d[1 + 3 * i: 4 + 3 * i]
    res.append(b // k - a // k + (1 if a % k == 0 else 0))
print('\n'.join(map(str, res)))
