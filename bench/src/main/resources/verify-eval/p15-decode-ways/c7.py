class Solution:
    def numDecodings(self, s: str) -> int:
        n = len(s)
        nxt1, nxt2 = 1, 0
        for i in range(n - 1, -1, -1):
            cur = 0
            if s[i] != '0':
                cur = nxt1
                if i + 1 < n and int(s[i:i + 2]) <= 26:
                    cur += nxt2
            nxt1, nxt2 = cur, nxt1
        return nxt1
