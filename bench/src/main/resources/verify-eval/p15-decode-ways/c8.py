class Solution:
    def numDecodings(self, s: str) -> int:
        MOD = 10**9 + 7
        n = len(s)
        dp = [0] * (n + 1)
        dp[0] = 1
        for i in range(1, n + 1):
            if s[i - 1] != '0':
                dp[i] = dp[i - 1]
            if i >= 2 and s[i - 2] != '0' and int(s[i - 2:i]) <= 26:
                dp[i] = (dp[i] + dp[i - 2]) % MOD
        return dp[n]
