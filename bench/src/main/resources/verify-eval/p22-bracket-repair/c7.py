s = input().strip()
while '()' in s:
    s = s.replace('()', '')
print(len(s))
