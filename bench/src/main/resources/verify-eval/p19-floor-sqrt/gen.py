import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 79 + len(size))
if size == 'small':
    print('x = %d' % random.randint(0, 200))
elif size == 'medium':
    r = random.randint(10**6, 10**7)
    print('x = %d' % (r * r - random.choice([0, 1])))
else:
    r = random.randint(10**8, 10**9)
    print('x = %d' % (r * r - 1))
