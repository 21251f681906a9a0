import sys
def main():
    data = sys.stdin.read().split()
    n, W = int(data[0]), int(data[1])
    w = [int(data[2 + 2 * i]) for i in range(n)]
    v = [int(data[3 + 2 * i]) for i in range(n)]
    dp = [[0] * (W + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        wi, vi = w[i - 1], v[i - 1]
        prev, cur = dp[i - 1], dp[i]
        for c in range(W + 1):
            cur[c] = prev[c]
            if c >= wi and prev[c - wi] + vi > cur[c]:
                cur[c] = prev[c - wi] + vi
    print(dp[n][W])
main()
