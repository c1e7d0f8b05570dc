package io.courier.bench.workload;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One page of a listing, as the dubbo-benchmark workload defines it. A mutable bean for the same reason as
 * {@link User}.
 *
 * @param <T> the element type
 */
public final class Page<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private int pageNo;
    private int total;
    private List<T> result;

    public int getPageNo() {
        return pageNo;
    }

    public void setPageNo(int pageNo) {
        this.pageNo = pageNo;
    }

    public int getTotal() {
        return total;
    }

    public void setTotal(int total) {
        this.total = total;
    }

    public List<T> getResult() {
        return result;
    }

    public void setResult(List<T> result) {
        this.result = result;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Page<?> that
                && pageNo == that.pageNo
                && total == that.total
                && Objects.equals(result, that.result);
    }

    @Override
    public int hashCode() {
        return pageNo * 31 + total;
    }

    @Override
    public String toString() {
        return "Page(" + pageNo + ", " + (result == null ? 0 : result.size()) + " items)";
    }
}
