package io.courier.protocol.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A page of users, as the benchmark's {@code listUser} returns. */
public class Page {

    private int pageNo;
    private int total;
    private List<User> result;

    public Page() {}

    public static Page sample(int pageNo, int size) {
        Page page = new Page();
        page.pageNo = pageNo;
        page.total = 1000;
        page.result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            page.result.add(User.sample(i));
        }
        return page;
    }

    public List<User> result() {
        return result;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Page p && pageNo == p.pageNo && total == p.total && Objects.equals(result, p.result);
    }

    @Override
    public int hashCode() {
        return pageNo;
    }
}
