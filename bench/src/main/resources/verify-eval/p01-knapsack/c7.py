n, W = map(int, input().split())
items = [tuple(map(int, input().split())) for _ in range(n)]
dp = [0] * (W + 1)
for w, v in items:
    for c in range(1, W + 1):
        if w <= c:
            dp[c] = max(dp[c], v + dp[c - w])
print(dp[W])
