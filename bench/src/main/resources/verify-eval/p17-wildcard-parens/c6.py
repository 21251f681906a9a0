class Solution:
    def checkValidString(self, s: str) -> bool:
        diff = s.count('(') - s.count(')')
        return -s.count('*') <= diff <= s.count('*')
