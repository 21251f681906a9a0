class Solution:
    def numDecodings(self, s: str) -> int:
        a, b = 1, 0 if s[0] == '0' else 1
        for i in range(1, len(s)):
            c = 0
            if s[i] != '0':
                c = b
            if int(s[i - 1] + s[i]) <= 26:
                c += a
            a, b = b, c
        return b
