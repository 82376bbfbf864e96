(display (undefined-thing 1))
(lambda (n) #t)
