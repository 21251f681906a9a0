class Solution:
    def checkValidString(self, s: str) -> bool:
        bal = 0
        for c in s:
            bal += -1 if c == ')' else 1
            if bal < 0:
                return False
        bal = 0
        for c in reversed(s):
            bal += -1 if c == '(' else 1
            if bal < 0:
                return False
        return True
