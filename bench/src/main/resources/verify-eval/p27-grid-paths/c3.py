h, w = map(int, input().split())
g = [input().strip() for _ in range(h)]
MOD = 10**9 + 7
dp = [[0] * w for _ in range(h)]
for i in range(h):
    for j in range(w):
        if g[i][j] == '#':
            continue
        if i == 0 and j == 0:
            dp[i][j] = 1
            continue
        up = dp[i - 1][j] if i > 0 else 0
        left = dp[i][j - 1] if j > 0 else 0
        dp[i][j] = (up + left) % MOD
print(dp[h - 1][w - 1])
