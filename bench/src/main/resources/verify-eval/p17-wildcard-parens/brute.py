from itertools import product
class Solution:
    def checkValidString(self, s):
        stars = [i for i, c in enumerate(s) if c == '*']
        for choice in product(['(', ')', ''], repeat=len(stars)):
            t = list(s)
            for i, c in zip(stars, choice):
                t[i] = c
            bal = 0
            for c in ''.join(t):
                bal += 1 if c == '(' else -1
                if bal < 0:
                    break
            if bal == 0:
                return True
        return False
