s = input().strip()
print(abs(s.count('(') - s.count(')')))
