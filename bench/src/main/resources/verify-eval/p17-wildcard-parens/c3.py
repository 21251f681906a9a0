class Solution:
    def checkValidString(self, s: str) -> bool:
        o, c, st = s.count('('), s.count(')'), s.count('*')
        return abs(o - c) <= st
