h, w = map(int, input().split())
g = [input().strip() for _ in range(h)]
MOD = 10**9 + 7
if g[0][0] == '#' or g[h-1][w-1] == '#':
    print(0)
else:
    dp = [[0] * w for _ in range(h)]
    for i in range(h):
        dp[i][0] = 1
    for j in range(w):
        dp[0][j] = 1
    for i in range(1, h):
        for j in range(1, w):
            if g[i][j] == '.':
                dp[i][j] = (dp[i-1][j] + dp[i][j-1]) % MOD
    print(dp[h-1][w-1])
