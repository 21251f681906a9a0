import sys
input = sys.stdin.readline
n, W = map(int, input().split())
dp = [0] * (W + 1)
for _ in range(n):
    w, v = map(int, input().split())
    for cap in range(W + 1):
        if cap >= w:
            dp[cap] = max(dp[cap], dp[cap - w] + v)
print(max(dp))
