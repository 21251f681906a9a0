n, S = map(int, input().split())
coins = list(map(int, input().split()))
dp = [10**9] * (S + 1)
dp[0] = 0
for c in coins:
    for s in range(c, S + 1):
        if dp[s - c] + 1 < dp[s]:
            dp[s] = dp[s - c] + 1
print(dp[S] if dp[S] < 10**9 else -1)
