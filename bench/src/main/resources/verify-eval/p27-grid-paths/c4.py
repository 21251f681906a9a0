import sys
data = sys.stdin.read().split()
h, w = int(data[0]), int(data[1])
g = data[2:]
MOD = 10**9 + 7
dp = [[1] * w] + [[1] + [0] * (w - 1) for _ in range(h - 1)]
for i in range(1, h):
    for j in range(1, w):
        dp[i][j] = 0 if g[i][j] == '#' else (dp[i - 1][j] + dp[i][j - 1]) % MOD
print(dp[-1][-1] if g[0][0] == '.' and g[-1][-1] == '.' else 0)
