package io.fupan.core.tenancy;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;

/** See {@link InTransaction}. */
@InTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class InTransactionInterceptor {

    @Resource
    UserTransaction transaction;

    @AroundInvoke
    public Object around(InvocationContext invocation) throws Exception {
        if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
            return invocation.proceed(); // join: the outermost call decides commit or rollback
        }
        transaction.begin();
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception | Error e) {
            transaction.rollback();
            throw e;
        }
        if (transaction.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
            transaction.rollback();
            throw new RolledBack("The transaction was marked for rollback (it ran past its time limit, or a step"
                    + " failed quietly); nothing was written.", null);
        }
        try {
            transaction.commit();
        } catch (RollbackException e) {
            throw new RolledBack("The transaction could not commit and was rolled back; nothing was written.", e);
        }
        return result;
    }
}
