import sys
s = sys.stdin.readline().strip()
p = sys.stdin.readline().strip()
t = p + '#' + s
pi = [0] * len(t)
for i in range(1, len(t)):
    k = pi[i - 1]
    while k and t[i] != t[k]:
        k = pi[k - 1]
    if t[i] == t[k]:
        k += 1
    pi[i] = k
print(sum(1 for v in pi if v == len(p)))
