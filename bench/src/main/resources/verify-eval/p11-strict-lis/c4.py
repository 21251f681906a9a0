n = int(input())
h = list(map(int, input().split()))
dp = [1] * n
for i in range(n):
    for j in range(i):
        if h[j] < h[i] and dp[j] + 1 > dp[i]:
            dp[i] = dp[j] + 1
print(max(dp))
