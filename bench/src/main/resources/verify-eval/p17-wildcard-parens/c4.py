class Solution:
    def checkValidString(self, s: str) -> bool:
        opened = closed = wild = 0
        for ch in s:
            if ch == '(':
                opened += 1
            elif ch == ')':
                closed += 1
            else:
                wild += 1
        return opened + wild >= closed and closed + wild >= opened
