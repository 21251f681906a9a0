s = input().strip()
bal = 0
for c in s:
    bal += 1 if c == '(' else -1
print(abs(bal))
