import sys
def main():
    data = sys.stdin.read().split()
    h, w = int(data[0]), int(data[1])
    MOD = 10**9 + 7
    dp = [0] * (w + 1)
    dp[1] = 1
    for i in range(h):
        row = data[2 + i]
        for j in range(w):
            dp[j + 1] = 0 if row[j] == '#' else (dp[j + 1] + dp[j]) % MOD
        if i == 0 and row[0] == '#':
            dp = [0] * (w + 1)
    print(dp[w])
main()
