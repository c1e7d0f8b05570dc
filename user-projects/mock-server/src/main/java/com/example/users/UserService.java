package com.example.users;

import java.util.List;

/** The users team's API, which the mock server serves from a stub file before the real provider exists. */
public interface UserService {

    User find(long id);

    List<User> search(String prefix);
}
