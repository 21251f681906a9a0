s = input().strip()
stack = []
unmatched = 0
for c in s:
    if c == '(':
        stack.append(c)
    elif stack:
        stack.pop()
    else:
        unmatched += 1
print(unmatched + len(stack))
