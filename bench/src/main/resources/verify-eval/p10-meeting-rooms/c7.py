import sys, bisect
d = list(map(int, sys.stdin.read().split()))
segs = sorted(((d[1 + 2 * i], d[2 + 2 * i]) for i in range(d[0])), key=lambda s: s[1])
ends = [r for _, r in segs]
dp = [0] * (len(segs) + 1)
for i, (l, r) in enumerate(segs):
    j = bisect.bisect_left(ends, l, 0, i)
    dp[i + 1] = max(dp[i], dp[j] + 1)
print(dp[-1])
