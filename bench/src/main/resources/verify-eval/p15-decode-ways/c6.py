class Solution:
    def numDecodings(self, s: str) -> int:
        if not s:
            return 0
        ways = [1, 1 if s[0] != '0' else 0]
        for i in range(2, len(s) + 1):
            w = 0
            if s[i - 1] != '0':
                w += ways[i - 1]
            two = int(s[i - 2:i])
            if two <= 26:
                w += ways[i - 2]
            ways.append(w)
        return ways[-1]
