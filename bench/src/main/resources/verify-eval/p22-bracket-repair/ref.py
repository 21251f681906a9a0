s = input().strip()
bal = add = 0
for c in s:
    if c == '(':
        bal += 1
    elif bal:
        bal -= 1
    else:
        add += 1
print(add + bal)
