s = input().strip()
p = input().strip()
print(sum(1 for i in range(len(s)) if s.startswith(p, i)))
