import sys
d = list(map(int, sys.stdin.read().split()))
n, q = d[0], d[1]
a = d[2:2 + n]
xs = d[2 + n:2 + n + q]
ans = [0] * q
i = 0
for k in sorted(range(q), key=lambda k: xs[k]):
    while i < n and a[i] < xs[k]:
        i += 1
    ans[k] = i + 1
print('\n'.join(map(str, ans)))
