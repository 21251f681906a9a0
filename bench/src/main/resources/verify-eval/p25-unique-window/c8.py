s = input().strip()
print(len(set(s)))
