import re
s = input().strip()
p = input().strip()
print(len(re.findall(re.escape(p), s)))
