from functools import lru_cache
class Solution:
    def numDecodings(self, s: str) -> int:
        @lru_cache(None)
        def go(i):
            if i == len(s):
                return 1
            if s[i] == '0':
                return 0
            res = go(i + 1)
            if i + 1 < len(s) and int(s[i:i + 2]) <= 26:
                res += go(i + 2)
            return res
        return go(0)
