class Solution:
    def checkValidString(self, s: str) -> bool:
        def go(i, bal):
            if bal < 0:
                return False
            if i == len(s):
                return bal == 0
            if s[i] == '(':
                return go(i + 1, bal + 1)
            if s[i] == ')':
                return go(i + 1, bal - 1)
            return go(i + 1, bal + 1) or go(i + 1, bal - 1) or go(i + 1, bal)
        return go(0, 0)
