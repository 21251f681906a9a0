import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 103 + len(size))
q = {'small': random.randint(1, 8), 'medium': 2000, 'max': 100000}[size]
print(q)
for i in range(q):
    if size == 'max' and seed == 1:
        print('add %d' % (q - i) if i < q * 2 // 3 else 'take')
    elif random.random() < 0.6:
        print('add %d' % random.randint(1, 10 if size == 'small' else 10**9))
    else:
        print('take')
